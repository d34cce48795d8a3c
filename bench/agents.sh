#!/usr/bin/env bash
# Agent benchmarks of the agents issue: returns within a step budget over seeds, zero-shot transfer, speed and
# peak memory. Long (tens of minutes on 2 cores); not part of the test suite. Usage:
#   bash bench/agents.sh [OUT_DIR] [SECTION...]     sections: ppo-cartpole dqn-cartpole lunar pendulum acrobot transfer speed
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/bench}
shift || true
sections=${*:-ppo-cartpole dqn-cartpole lunar pendulum acrobot transfer speed}
if [ -z "${HYPERRL_DLL:-}" ]; then dotnet build src/Cli -c Release -v q -nologo >/dev/null || { echo "build failed" >&2; exit 1; }; fi
# HYPERRL_DLL lets a benchmark run a CLI built elsewhere (e.g. from another worktree) while this tree changes.
hyperrl_dll=${HYPERRL_DLL:-src/Cli/bin/Release/net10.0/hyperrl.dll}
hyperrl() { dotnet "$hyperrl_dll" "$@"; }
mkdir -p "$out"

# Prints, for each run: the first eval step whose mean return reached THRESHOLD (or "never") and the last eval.
summarize() {  # threshold run_dir...
  local threshold=$1; shift
  for run in "$@"; do
    awk -F, -v t="$threshold" -v run="$(basename "$run")" '
      NR > 1 && $3 == "train" { m = $(NF - 3); last = m; laststep = $1; if (first == "" && m >= t) first = $1 }
      END { printf "%-40s first eval >= %s at step %s; last eval %.1f at step %s\n", run, t, (first == "" ? "never" : first), last, laststep }' "$run/eval.csv"
  done
}

for section in $sections; do
  case $section in
    ppo-cartpole)
      hyperrl train --env CartPole-v1 --algo ppo --seeds 1,2,3,4,5 --name ppo-cartpole --out "$out" --quiet
      summarize 475 "$out"/ppo-cartpole-s* ;;
    dqn-cartpole)
      hyperrl train --env CartPole-v1 --algo dqn --seeds 1,2,3,4,5 --name dqn-cartpole --out "$out" --quiet
      summarize 475 "$out"/dqn-cartpole-s* ;;
    lunar)
      /usr/bin/time -f "lunar: %e s wall, peak RSS %M KB" dotnet "$hyperrl_dll" train --env LunarLander-v3 --algo ppo --seed 1 --name ppo-lunar --out "$out" --quiet
      summarize 200 "$out"/ppo-lunar ;;
    pendulum)
      hyperrl train --env Pendulum-v1 --algo ppo --seed 1 --name ppo-pendulum --out "$out" --quiet
      summarize -200 "$out"/ppo-pendulum ;;
    acrobot)
      hyperrl train --env Acrobot-v1 --algo ppo --seed 1 --name ppo-acrobot --out "$out" --quiet
      summarize -100 "$out"/ppo-acrobot ;;
    transfer)
      for policy in hyper film concat mlp; do
        hyperrl train --env CartPole-v1 --algo ppo --policy "$policy" --seeds 1,2,3,4,5 --name "transfer-$policy" --out "$out" --quiet \
          --randomize pole_length=0.3:0.7 pole_mass=0.05:0.2 force_mag=7:13 \
          --heldout pole_length=1.0 --heldout pole_length=0.15 --heldout force_mag=5 --heldout force_mag=18 --heldout pole_mass=0.35
      done
      # Final evaluation of every run: mean +- std over seeds of the per-run mean return, per descriptor set.
      for policy in hyper film concat mlp; do
        for run in "$out"/transfer-"$policy"-s*; do
          # eval.csv: step,seconds,set,"descriptor, with, commas",mean_return,std_return,mean_length,episodes
          awk -F, -v p="$policy" 'NR > 1 { d = $4; for (i = 5; i <= NF - 4; i++) d = d ";" $i; gsub(/"/, "", d); value[$3] = $(NF - 3); desc[$3] = d }
            END { for (s in value) print p "," s "," desc[s] "," value[s] }' "$run/eval.csv"
        done
      done | awk -F, '{ k = $1 "," $2; n[k]++; s[k] += $NF; q[k] += $NF * $NF; d[$2] = $3 }
        END { for (k in n) { m = s[k] / n[k]; sd = sqrt(q[k] / n[k] - m * m); split(k, a, ","); printf "%-7s %-9s %-60s %7.1f +- %5.1f (%d seeds)\n", a[1], a[2], d[a[2]], m, sd, n[k] } }' | sort -k2,2 -k1,1 ;;
    speed)
      # Three alternating runs per policy: wall-clock on a shared machine varies by a few tenths of a second.
      for rep in 1 2 3; do
        for policy in hyper mlp; do
          /usr/bin/time -f "ppo $policy CartPole-v1 100k: %e s wall (whole process), peak RSS %M KB" \
            dotnet "$hyperrl_dll" train --env CartPole-v1 --algo ppo --policy "$policy" --seed 1 --name "speed-ppo-$policy-$rep" --out "$out" --quiet >/dev/null
        done
      done
      for rep in 1 2; do
        for policy in hyper mlp; do
          /usr/bin/time -f "dqn $policy CartPole-v1 100k: %e s wall (whole process), peak RSS %M KB" \
            dotnet "$hyperrl_dll" train --env CartPole-v1 --algo dqn --policy "$policy" --seed 1 --name "speed-dqn-$policy-$rep" --out "$out" --quiet >/dev/null
        done
      done
      /usr/bin/time -f "ppo hyper CartPole-v1 1M: %e s wall, peak RSS %M KB" \
        dotnet "$hyperrl_dll" train --env CartPole-v1 --algo ppo --steps 1000000 --seed 1 --name speed-ppo-hyper-1m --out "$out" --quiet >/dev/null
      # Resident memory over the 1M-step run (metrics.csv column rss_mb): flat means no tensor leak.
      awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "rss_mb") c = i } NR > 1 && (NR % 500 == 2) { printf "  rss at step %s: %.0f MB\n", $1, $c }' \
        "$out/speed-ppo-hyper-1m/metrics.csv" ;;
    *) echo "unknown section '$section'" >&2; exit 2 ;;
  esac
done
