#!/usr/bin/env bash
# Pack check (issue 15): what a user installs from npm works without devDependencies.
# Packs the package, installs the tarball into an empty folder with --omit=dev (npm registry or
# the local npm cache), then: a plain-ESM import (prints the export count), require() of the ESM
# package (Node >= 20.19), a strict TypeScript consumer type-checked against the shipped .d.ts
# (skipLibCheck off; lib DOM because zod's own .d.ts names URL),
# `chipbound web` (fetches the page, then stops it), `chipbound scenario <example> --out DIR`
# (every file written, PNGs included), `chipbound chip h100 --json`; and lints the tarball with
# publint and @arethetypeswrong/cli. PACK_CHECK_SKIP_BUILD=1 packs the existing dist/ (CI builds
# it in `npm ci` through the prepare script); otherwise `npm pack` rebuilds it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/chipbound-pack-XXXXXX")"
webpid=""
cleanup() {
  if [ -n "$webpid" ]; then kill "$webpid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
step() { printf 'pack-check: %s\n' "$*"; }
fail() { printf 'pack-check: FAILED: %s\n' "$*" >&2; exit 1; }

cd "$root"
if [ "${PACK_CHECK_SKIP_BUILD:-}" = 1 ]; then
  [ -f dist/index.js ] && [ -f dist/web/index.html ] || fail "dist/ is not built (run npm run build)"
  npm pack --ignore-scripts --silent --pack-destination "$tmp" >/dev/null
else
  npm pack --silent --pack-destination "$tmp" >/dev/null
fi
tgz="$(ls "$tmp"/chipbound-*.tgz)"
step "packed $(basename "$tgz") ($(du -k "$tgz" | cut -f1) KB, $(tar tzf "$tgz" | wc -l) files)"
if tar tzf "$tgz" | grep -E '\.test\.|^package/(test|bench|\.ci|docs|src|scripts)/' >/dev/null; then
  fail "the tarball ships tests, docs, sources or CI files: $(tar tzf "$tgz" | grep -E '\.test\.|^package/(test|bench|\.ci|docs|src|scripts)/' | head -3 | tr '\n' ' ')"
fi

step "lint: publint, arethetypeswrong"
"$root/node_modules/.bin/publint" --strict "$tgz" >"$tmp/publint.log" 2>&1 || { cat "$tmp/publint.log"; fail "publint"; }
"$root/node_modules/.bin/attw" "$tgz" --profile esm-only >"$tmp/attw.log" 2>&1 || { cat "$tmp/attw.log"; fail "arethetypeswrong"; }

app="$tmp/app"
mkdir -p "$app"
cd "$app"
printf '{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }\n' >package.json
step "npm install the tarball --omit=dev"
npm install "$tgz" --omit=dev --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null
for dev in tsx vite playwright-core typescript vitest preact; do
  [ ! -e "node_modules/$dev" ] || fail "devDependency $dev was installed with --omit=dev"
done

n="$(node -e "import('chipbound').then(m => console.log(Object.keys(m).length))")"
step "ESM import: $n exports"
[ "$n" -gt 20 ] || fail "ESM import gave $n exports"
r="$(node -e "console.log(Object.keys(require('chipbound')).length)")"
[ "$r" = "$n" ] || fail "require('chipbound') gave $r exports, import gave $n"

step "strict TypeScript consumer"
cat >consumer.ts <<'TS'
import { getChip, classifyChip, builtinCatalog, evaluatePlan, type Chip, type Plan } from 'chipbound';
import pkg from 'chipbound/package.json' with { type: 'json' };
const chip: Chip = getChip('nvidia-h100-sxm5-80gb');
const verdict = classifyChip(chip);
const ids: readonly string[] = builtinCatalog().chips.map((c) => c.id);
const evaluate: typeof evaluatePlan = evaluatePlan;
const plan: Partial<Plan> = { tp: 8 };
export const summary = { name: pkg.name, ids: ids.length, verdict, evaluate, plan };
TS
cat >tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "lib": ["ES2023", "DOM"], "types": [],
    "strict": true, "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true, "noImplicitOverride": true,
    "noPropertyAccessFromIndexSignature": true, "useUnknownInCatchVariables": true, "skipLibCheck": false,
    "resolveJsonModule": true, "verbatimModuleSyntax": true, "noEmit": true
  },
  "files": ["consumer.ts"]
}
JSON
node "$root/node_modules/typescript/bin/tsc" -p tsconfig.json || fail "a strict TypeScript consumer does not type-check against the shipped .d.ts"

step "chipbound chip h100 --json; train --model meta-llama/Llama-3.1-405B --chip h100 --plan"
npx --no-install chipbound chip h100 --json >chip.json || fail "chipbound chip h100"
node -e "const j=JSON.parse(require('fs').readFileSync('chip.json','utf8')); if (j.id !== 'nvidia-h100-sxm5-80gb') process.exit(1)" || fail "chip h100 --json is not the H100 SXM5"
npx --no-install chipbound train --model meta-llama/Llama-3.1-405B --chip h100 --gpus 16Ki --seq 8Ki --global-batch 2Ki \
  --plan "tp8 pp16 dp128 cp1 ep1 vpp1 mb1 zero1 rc:full bf16 1f1b" --json >train.json || fail "train --plan"
grep -q '"kind": "evaluation"' train.json || fail "train --plan did not evaluate the given plan"

# The main job, as the README's first command runs it (the overview of chips, training and serving).
step "chipbound (the overview)"
npx --no-install chipbound >overview.txt 2>overview.log || { cat overview.log; fail "the overview"; }
grep -q 'Pre-training deepseek-v3' overview.txt || fail "the overview printed no DeepSeek-V3 pre-training table"

# train runs in the command's worker thread (src/cli/thread.ts): the compiled worker, no loader.
step "chipbound train (DeepSeek-V3 on 2,048 H800, in the command's worker thread)"
npx --no-install chipbound train --model deepseek-v3 --chip h800 --gpus 2048 --seq 4096 --global-batch 15360 --json >search.json 2>search.log || { cat search.log; fail "a worker-thread search"; }
grep -q '"kind": "search"' search.json || fail "the worker-thread search printed no search result"

step "chipbound web"
npx --no-install chipbound web --port 0 --no-open >web.log 2>&1 &
webpid=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' web.log | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$webpid" 2>/dev/null || { cat web.log; fail "chipbound web exited"; }
  sleep 0.1
done
[ -n "$url" ] || { cat web.log; fail "chipbound web printed no URL"; }
page="$(node -e "fetch(process.argv[1]).then(r => r.text()).then(t => process.stdout.write(t))" "$url")"
grep -q '<script' <<<"$page" || fail "chipbound web served no app at $url"
asset="$(grep -oE 'assets/[^"]+\.js' <<<"$page" | head -1)"
node -e "fetch(process.argv[1]).then(r => { if (!r.ok) process.exit(1) })" "$url$asset" || fail "chipbound web did not serve $asset"
kill "$webpid"; wait "$webpid" 2>/dev/null || true; webpid=""

step "chipbound scenario qwq-serving.yaml --out"
npx --no-install chipbound scenario node_modules/chipbound/examples/qwq-serving.yaml --out out >scenario.log 2>&1 || { cat scenario.log; fail "chipbound scenario --out"; }
for f in out/qwq-serving.md out/qwq-serving.json out/qwq-serving.csv; do [ -s "$f" ] || fail "scenario --out did not write $f"; done
svgs="$(ls out/qwq-serving/*.svg | wc -l)"; pngs="$(ls out/qwq-serving/*.png 2>/dev/null | wc -l)"
[ "$svgs" -gt 0 ] && [ "$pngs" = "$svgs" ] || fail "scenario --out wrote $svgs SVG and $pngs PNG charts"
head -c 8 "$(ls out/qwq-serving/*.png | head -1)" | od -An -tx1 | grep -q '89 50 4e 47' || fail "the chart PNG is not a PNG"

step "ok"
