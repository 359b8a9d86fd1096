"""Disclosures are dynamic partitions: one per detail page found on a portal."""

from dagster import DynamicPartitionsDefinition

disclosure_partitions = DynamicPartitionsDefinition(name="disclosures")
