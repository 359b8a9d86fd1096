"""A clear, self-contained summary of a failed run: what failed, where, why, how to redo it.

Written by the failure sensor to <data>/ops/failures/<time>-<job>-<run>.md (for people) and
.json (for tools), and logged; nothing here depends on the run still being in the UI.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path


@dataclass
class StepFailure:
    step: str
    error: str
    """Exception class and the first line of its message."""
    detail: str = ""
    """The rest of the message and the innermost frames, shortened."""


@dataclass
class FailureSummary:
    run_id: str
    job: str
    failed_at: str
    partition: str | None
    attempt: int
    tags: dict[str, str] = field(default_factory=dict)
    message: str = ""
    steps: list[StepFailure] = field(default_factory=list)

    @property
    def rerun_hint(self) -> str:
        if self.job == "process_disclosure_job" and self.partition:
            return (
                f"python -m pipelines.run backfill --partition {self.partition}"
                f"  (or: dagster job backfill -m pipelines.definitions -j {self.job} --partitions {self.partition})"
            )
        return f"dagster job execute -m pipelines.definitions -j {self.job}  (or re-execute run {self.run_id} from failure in the UI)"


def summarize(run_id: str, job: str, tags: dict[str, str], message: str, steps: list[StepFailure]) -> FailureSummary:
    return FailureSummary(
        run_id=run_id,
        job=job,
        failed_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        partition=tags.get("dagster/partition"),
        attempt=int(tags.get("dagster/retry_number", "0")) + 1,
        tags={k: v for k, v in tags.items() if k.startswith(("budget_facts/", "dagster/partition", "dagster/sensor", "dagster/schedule"))},
        message=message,
        steps=steps,
    )


def step_failure(
    step: str, error_class: str | None, error_message: str | None, stack: list[str] | None, wrappers: list[str] | None = None
) -> StepFailure:
    """`wrappers`: the errors around the real one (e.g. "RetryRequestedFromPolicy: Exceeded max_retries of 3")."""
    text = (error_message or "").strip()
    first, _, rest = text.partition("\n")
    frames = "".join((stack or [])[-3:]).strip()
    around = "\n".join(f"raised as {w}" for w in wrappers or [])
    detail = "\n".join(part for part in (rest.strip()[:1500], frames[-1500:], around) if part)
    label = first if first.startswith(f"{error_class}:") else f"{error_class or 'Error'}: {first}"
    return StepFailure(step=step, error=label[:500], detail=detail)


def render(summary: FailureSummary) -> str:
    lines = [
        f"# FAILED: {summary.job}" + (f" [{summary.partition}]" if summary.partition else ""),
        "",
        f"- run: {summary.run_id} (attempt {summary.attempt})",
        f"- failed at: {summary.failed_at}",
    ]
    lines += [f"- {k}: {v}" for k, v in sorted(summary.tags.items())]
    if summary.message:
        lines.append(f"- dagster: {summary.message.strip().splitlines()[0]}")
    lines.append("")
    for step in summary.steps or [StepFailure(step="(run)", error="the run failed outside any step; see the run log")]:
        lines.append(f"## step {step.step}: {step.error}")
        if step.detail:
            lines += ["", "```", step.detail, "```"]
        lines.append("")
    lines.append(f"Re-run: {summary.rerun_hint}")
    return "\n".join(lines) + "\n"


def write_summary(ops_dir: Path, summary: FailureSummary) -> Path:
    folder = Path(ops_dir) / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = summary.failed_at.replace(":", "").replace("-", "")
    name = re.sub(r"[^0-9A-Za-z_.-]+", "-", f"{stamp}-{summary.job}-{summary.run_id[:8]}")
    markdown = folder / f"{name}.md"
    markdown.write_text(render(summary), encoding="utf-8")
    payload = {**asdict(summary), "rerun_hint": summary.rerun_hint}
    (folder / f"{name}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return markdown
