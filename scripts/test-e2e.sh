#!/usr/bin/env bash
# End-to-end tests against a production build, signing in through a real OpenID provider: the
# development provider run standalone and configured like any external issuer. Data goes to a
# throwaway Postgres database when DATABASE_URL is set, else to a temporary PGlite directory.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh

export E2E_PORT="${E2E_PORT:-3100}"
export E2E_IDP_PORT="${E2E_IDP_PORT:-3101}"
export NODE_ENV=production
export SLIPWAY_URL="http://localhost:${E2E_PORT}"
export AUTH_URL="${SLIPWAY_URL}"
export AUTH_SECRET="$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("base64"))')"
export SLIPWAY_ENCRYPTION_KEY="$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("base64"))')"
export AUTH_OIDC_ISSUER="http://localhost:${E2E_IDP_PORT}"
export AUTH_OIDC_ID=slipway-dev
export AUTH_OIDC_SECRET=slipway-dev-secret
export AUTH_OIDC_NAME="Slipway test identity provider"
export SLIPWAY_ADMINS=alice@example.com
export SLIPWAY_ALLOWED_EMAIL_DOMAINS=example.com
export LOG_LEVEL="${LOG_LEVEL:-warn}"

workdir="$(mktemp -d)"
export SLIPWAY_DATA_DIR="${workdir}/data"
cleanup() {
  if [ -n "${E2E_DATABASE_URL:-}" ]; then node scripts/e2e-database.mjs drop "${E2E_DATABASE_URL}" || true; fi
  rm -rf "${workdir}"
}
trap cleanup EXIT

if [ -n "${DATABASE_URL:-}" ]; then
  E2E_DATABASE_URL="$(node scripts/e2e-database.mjs create "${DATABASE_URL}")"
  export DATABASE_URL="${E2E_DATABASE_URL}"
  echo "e2e: Postgres database ${DATABASE_URL##*/}"
else
  echo "e2e: PGlite in ${SLIPWAY_DATA_DIR}"
fi

npx next build
npx playwright test "$@"
