#!/usr/bin/env bash
# Agent benchmarks of the agents issue: returns within a step budget over seeds, zero-shot transfer, speed and
# peak memory. Long (tens of minutes on 2 cores); not part of the test suite. Usage:
#   bash bench/agents.sh [OUT_DIR] [SECTION...]
#   sections: ppo-cartpole dqn-cartpole lunar pendulum acrobot transfer speed sac-pendulum sac-lunar sac-pointmass
#             rainbow-cartpole rainbow-lunar rainbow-acrobot rainbow-mountaincar dqn-parts
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/bench}
shift || true
sections=${*:-ppo-cartpole dqn-cartpole lunar pendulum acrobot transfer speed sac-pendulum sac-lunar sac-pointmass}
if [ -z "${HYPERRL_DLL:-}" ]; then dotnet build src/Cli -c Release -v q -nologo >/dev/null || { echo "build failed" >&2; exit 1; }; fi
# HYPERRL_DLL lets a benchmark run a CLI built elsewhere (e.g. from another worktree) while this tree changes.
hyperrl_dll=${HYPERRL_DLL:-src/Cli/bin/Release/net10.0/hyperrl.dll}
hyperrl() { dotnet "$hyperrl_dll" "$@"; }
mkdir -p "$out"

# For each run: the first eval step whose mean return on the training descriptors reached THRESHOLD (or "never"),
# the best one and the last evaluation, read through the run schema by `hyperrl summary`.
summarize() {  # threshold run_dir...
  local threshold=$1; shift
  hyperrl summary "$@" --threshold "$threshold"
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
      hyperrl summary "$out"/transfer-* --by-set ;;
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
      hyperrl summary "$out/speed-ppo-hyper-1m" --metric rss_mb --every 500 ;;
    sac-pendulum)
      hyperrl train --env Pendulum-v1 --algo sac --seeds 1,2,3,4,5 --name sac-pendulum --out "$out" --quiet
      summarize -200 "$out"/sac-pendulum-s* ;;
    sac-lunar)
      /usr/bin/time -f "sac lunar: %e s wall, peak RSS %M KB" dotnet "$hyperrl_dll" train --env LunarLander-v3 --algo sac --seed 1 --name sac-lunar --out "$out" --quiet
      summarize 200 "$out"/sac-lunar ;;
    sac-pointmass)
      # Goals re-sampled per episode from the lower-left box; held-out goals inside it (never the exact training
      # goals) and outside it (extrapolation). 'terminated' is the fraction of evaluation episodes that reached the goal.
      hyperrl train --env PointMassGoal-v0 --algo sac --seeds 1,2,3 --name sac-pointmass --out "$out" --quiet \
        --randomize goal_x=-0.9:0.5 goal_y=-0.9:0.5 \
        --heldout goal_x=0.1,goal_y=-0.4 --heldout goal_x=-0.5,goal_y=0.3 --heldout goal_x=-0.7,goal_y=-0.7 \
        --heldout goal_x=0.75,goal_y=0 --heldout goal_x=0,goal_y=0.75 --heldout goal_x=0.75,goal_y=0.75
      hyperrl summary "$out"/sac-pointmass-s* --by-set ;;
    rainbow-cartpole)
      hyperrl train --env CartPole-v1 --algo dqn --preset rainbow --seeds 1,2,3,4,5 --name rainbow-cartpole --out "$out" --quiet
      summarize 475 "$out"/rainbow-cartpole-s* ;;
    rainbow-lunar)
      hyperrl train --env LunarLander-v3 --algo dqn --preset rainbow --seeds 1,2,3,4,5 --name rainbow-lunar --out "$out" --quiet
      summarize 200 "$out"/rainbow-lunar-s* ;;
    rainbow-acrobot)
      hyperrl train --env Acrobot-v1 --algo dqn --preset rainbow --seeds 1,2,3,4,5 --name rainbow-acrobot --out "$out" --quiet
      summarize -80 "$out"/rainbow-acrobot-s* ;;
    rainbow-mountaincar)
      hyperrl train --env MountainCar-v0 --algo dqn --preset rainbow --seeds 1,2,3,4,5 --name rainbow-mountaincar --out "$out" --quiet
      summarize -110 "$out"/rainbow-mountaincar-s* ;;
    dqn-parts)
      # Wall time of each of Rainbow's parts on its own over the plain CartPole preset (whole process, 50k steps),
      # interleaved so that the machine's drift hits every variant alike.
      parts=$(mktemp -d)
      echo '{}' > "$parts/plain.json"
      echo '{"dqn": {"nStep": 3}}' > "$parts/nstep.json"
      echo '{"dqn": {"prioritized": true}}' > "$parts/prioritized.json"
      echo '{"dqn": {"distributional": "qr", "quantiles": 10}}' > "$parts/qr.json"
      echo '{"dqn": {"distributional": "c51", "atoms": 51, "vMin": 0, "vMax": 500}}' > "$parts/c51.json"
      echo '{"dqn": {"noisy": true}}' > "$parts/noisy.json"
      for rep in 1 2; do
        for part in plain nstep prioritized qr c51 noisy; do
          /usr/bin/time -f "dqn $part CartPole-v1 50k: %e s wall (whole process)" \
            dotnet "$hyperrl_dll" train --env CartPole-v1 --algo dqn --config "$parts/$part.json" --steps 50000 --seed 1 \
            --name "parts-$part-$rep" --out "$out" --quiet >/dev/null
        done
      done
      /usr/bin/time -f "dqn rainbow CartPole-v1 50k: %e s wall (whole process)" \
        dotnet "$hyperrl_dll" train --env CartPole-v1 --algo dqn --preset rainbow --steps 50000 --seed 1 --name parts-rainbow --out "$out" --quiet >/dev/null
      rm -r "$parts" ;;
    *) echo "unknown section '$section'" >&2; exit 2 ;;
  esac
done
