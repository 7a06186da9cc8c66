#!/usr/bin/env bash
# `npm test`: static checks, then unit, integration (PGlite, and Postgres when DATABASE_URL is set),
# the Kubernetes contract suite, and the end-to-end suite against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$1"; }

step "typecheck"
npx tsc --noEmit
step "lint"
npx eslint . --max-warnings=0
step "unit, integration and Kubernetes contract tests"
npx vitest run --project unit --project integration --project contract
step "end-to-end tests"
bash scripts/test-e2e.sh
