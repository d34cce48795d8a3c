#!/usr/bin/env bash
# Remote rollout workers (Orleans, localhost membership) against in-process rollouts, on this machine: env steps/s
# with 0 (in-process), 1 and 2 local worker processes; payload MB and messages per PPO update; and PPO LunarLander-v3
# to eval >= 200 through 2 workers. Not part of the test suite. Usage:
#   bash bench/remote-workers.sh [OUT_DIR] [SECTION...]     sections: throughput lunar-solve
# HYPERRL_DLL runs a CLI built elsewhere; STEPS_CARTPOLE / STEPS_LUNAR / REPEATS size the throughput runs, SEEDS the
# LunarLander runs (default 1 2 3) and STEPS_SOLVE their budget (default 1000000).
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/bench-remote}
shift || true
sections=${*:-throughput lunar-solve}
if [ -z "${HYPERRL_DLL:-}" ]; then dotnet build src/Cli -c Release -v q -nologo >/dev/null || { echo "build failed" >&2; exit 1; }; fi
hyperrl_dll=${HYPERRL_DLL:-src/Cli/bin/Release/net10.0/hyperrl.dll}
mkdir -p "$out"
port=$((20000 + RANDOM % 20000))
cluster="$out/cluster.json"
echo "{ \"learner\": \"127.0.0.1:$port\", \"waitSeconds\": 120 }" > "$cluster"
pids=()
start_workers() {  # n
  for _ in $(seq 1 "$1"); do dotnet "$hyperrl_dll" worker --cluster "$cluster" > /dev/null 2>&1 & pids+=($!); done
}
stop_workers() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait "${pids[@]}" 2>/dev/null; pids=(); }
trap stop_workers EXIT

# Training seconds and steps from the summary line ("done: N steps in X s ..."; the wait for workers is not in X).
train() {  # name workers args...
  local name=$1 workers=$2; shift 2
  local remote=()
  [ "$workers" -gt 0 ] && remote=(--remote-workers "$workers" --cluster "$cluster")
  [ "$workers" -gt 0 ] && start_workers "$workers"
  dotnet "$hyperrl_dll" train "$@" "${remote[@]}" --name "$name" --out "$out" --quiet > "$out/$name.log" 2>&1
  [ "$workers" -gt 0 ] && stop_workers
  grep -E '^done: ' "$out/$name.log" | sed -E 's/^done: ([0-9,]+) steps in ([0-9.]+) s.*/\1 \2/; s/,//g'
}

# Means over a run's updates of the remote columns (sent_mb received_mb messages).
traffic() {  # run_dir
  awk -F, 'NR==1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
           { s += $col["sent_mb"]; r += $col["received_mb"]; m += $col["messages"]; n++ }
           END { printf "%.3f MB sent, %.3f MB received, %.1f messages", s / n, r / n, m / n }' "$1/metrics.csv"
}

for section in $sections; do
  case $section in
    throughput)
      for env in CartPole-v1 LunarLander-v3; do
        steps=$([ "$env" = CartPole-v1 ] && echo "${STEPS_CARTPOLE:-100000}" || echo "${STEPS_LUNAR:-200000}")
        for repeat in $(seq 1 "${REPEATS:-2}"); do
          for workers in 0 1 2; do  # interleaved, so machine drift hits every setting alike
            name="tp-$env-w$workers-r$repeat"
            read -r taken seconds <<< "$(train "$name" "$workers" --env "$env" --steps "$steps" --eval-every 0 --checkpoint-every 0 --no-tensorboard)"
            line="$env workers=$workers repeat=$repeat: $taken steps in $seconds s = $(awk -v s="$taken" -v t="$seconds" 'BEGIN { printf "%.0f", s / t }') steps/s"
            [ "$workers" -gt 0 ] && line="$line; per update: $(traffic "$out/$name")"
            echo "$line"
          done
        done
      done ;;
    lunar-solve)
      for seed in ${SEEDS:-1 2 3}; do
        for workers in 2 0; do
          name="lunar-w$workers-s$seed"
          read -r taken seconds <<< "$(train "$name" "$workers" --env LunarLander-v3 --steps "${STEPS_SOLVE:-1000000}" --seed "$seed")"
          echo "LunarLander-v3 workers=$workers seed=$seed: $taken steps in $seconds s"
          dotnet "$hyperrl_dll" summary "$out/$name" --threshold 200
        done
      done ;;
    *) echo "unknown section '$section'" >&2; exit 2 ;;
  esac
done
