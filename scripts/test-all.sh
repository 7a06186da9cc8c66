#!/usr/bin/env bash
# `npm test`: static checks (types, lint, formatting), then unit, integration (PGlite, and Postgres when DATABASE_URL is set),
# the Kubernetes contract suite, and the end-to-end suite against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$1"; }

# Before anything runs: the end-to-end step needs Debian's chromium.
bash scripts/ensure-chromium.sh

step "typecheck"
npx tsc --noEmit
step "lint and formatting"
npx eslint . --max-warnings=0
npx prettier --check . --log-level warn
step "unit, integration and Kubernetes contract tests"
npx vitest run --project unit --project integration --project contract
step "end-to-end tests"
bash scripts/test-e2e.sh
