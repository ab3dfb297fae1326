#!/usr/bin/env bash
# Lints both services' OpenAPI descriptions with Redocly's CLI (pinned) and its `recommended` rules:
# fails when a description is missing or when the linter reports any error or any warning.
# The descriptions are written by the services' ApiDescriptionTest (run by `mvn verify`) to
# <service>/target/openapi/<service>.json. infra/test.sh runs this after Maven.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REDOCLY_CLI_VERSION=2.77.0

command -v npx >/dev/null || { echo "[api-lint] npx (Node.js 20.19+) is needed to lint the OpenAPI descriptions" >&2; exit 1; }
failed=0
for service in enrollment-service projection-service; do
  spec="$service/target/openapi/$service.json"
  if [[ ! -s "$spec" ]]; then
    echo "[api-lint] $spec is missing: run the tests first (ApiDescriptionTest writes it)" >&2
    failed=1
    continue
  fi
  report="$service/target/openapi/redocly-lint.json"
  # exit status 1 means "problems found": the report says which, and is judged below
  npx --yes "@redocly/cli@$REDOCLY_CLI_VERSION" lint --extends recommended --format json "$spec" >"$report" 2>"$report.log" || true
  if ! node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const t = r.totals || {};
    for (const p of r.problems || []) {
      console.error(`  ${p.severity} ${p.ruleId}: ${p.message} at ${(p.location || []).map(l => l.pointer).join(", ")}`);
    }
    console.log(`[api-lint] ${process.argv[2]}: ${t.errors} errors, ${t.warnings} warnings (Redocly recommended)`);
    process.exit(t.errors === 0 && t.warnings === 0 ? 0 : 1);
  ' "$report" "$service"; then
    cat "$report.log" >&2
    failed=1
  fi
done
exit "$failed"
