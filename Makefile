# One entry point for developers. `make run` and `make test` bootstrap .venv themselves.
.PHONY: run test test-corpus lint bootstrap dev clean bench

bootstrap:
	@scripts/bootstrap

run: bootstrap
	.venv/bin/python -m pipelines.run

test: bootstrap
	.venv/bin/python -m pytest -q

test-corpus: bootstrap
	.venv/bin/python -m pytest -q -m corpus

lint: bootstrap
	.venv/bin/ruff check assets pipelines expectations tests bench
	.venv/bin/mypy assets/core expectations

dev: bootstrap
	mkdir -p data/dagster_home
	DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/data/dagster_home} .venv/bin/dagster dev -w workspace.yaml

clean:
	rm -rf data/raw data/staged data/published data/demo_portal

bench: bootstrap
	.venv/bin/python -m bench.benchmark
