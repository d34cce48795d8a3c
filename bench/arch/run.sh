#!/bin/bash
# Architecture-generation benchmarks (README "Architecture generation"): one multi-architecture PPO run per env and
# seed, every architecture evaluated with 'hyperrl arch', single architectures trained alone for comparison, and the
# wall time of a multi-architecture run against a single-architecture one. Sequential (one process at a time), so
# the timings compare. Usage: bash bench/arch/run.sh OUT   (hyperrl on PATH, or HYPERRL=path/to/hyperrl)
set -euo pipefail
out=${1:?usage: bench/arch/run.sh OUT}
here=$(cd "$(dirname "$0")" && pwd)
H=${HYPERRL:-hyperrl}
mkdir -p "$out"
T() { local name=$1; shift; local s=$(date +%s.%N); $H train "$@" --out "$out" --name "$name" --quiet > "$out/$name.log" 2>&1; echo "$name $(echo "$(date +%s.%N) - $s" | bc)" >> "$out/times.txt"; }
space=$here/space-depth2-width64.json
# Cost: CartPole 100k, multi-architecture (meta-batch 8) vs the preset's single architecture, interleaved.
for rep in 1 2 3; do
  T cost-multi-r$rep --env CartPole-v1 --config "$space" --steps 100000 --eval-every 0
  T cost-single-r$rep --env CartPole-v1 --steps 100000 --eval-every 0
done
# CartPole: one run of 300k steps per seed, then every architecture.
for s in 1 2 3; do
  T cartpole-arch-s$s --env CartPole-v1 --config "$space" --steps 300000 --seed $s
  $H arch "$out/cartpole-arch-s$s" --episodes 20 > "$out/cartpole-arch-s$s.arch.txt"
done
# The smallest architecture alone (hyper generating [4], and a plain [4] MLP), critic [64, 64] as in the space run.
for s in 1 2 3 4 5; do
  T alone4-hyper-s$s --env CartPole-v1 --config "$here/alone-4-hyper.json" --steps 300000 --seed $s
  T alone4-mlp-s$s --env CartPole-v1 --config "$here/alone-4-mlp.json" --steps 300000 --seed $s
done
# Randomized pole length: fronts on the training descriptors and on held-out pole lengths.
T cartpole-pole-arch-s1 --env CartPole-v1 --config "$space" --steps 300000 --randomize pole_length=0.3:0.8 \
  --heldout pole_length=0.2 --heldout pole_length=1.0 --heldout pole_length=1.2
$H arch "$out/cartpole-pole-arch-s1" --episodes 20 > "$out/cartpole-pole-arch-s1.arch.txt"
# Descriptor-critical: actuator gain (the force's sign flips), 30 architectures against the single preset, 3 seeds.
for s in 1 2 3; do
  act=(--env CartPole-v1 --steps 300000 --seed $s --randomize actuator_gain=-1:1 --heldout actuator_gain=-1.5 --heldout actuator_gain=1.5 --heldout actuator_gain=0.1)
  T actuator-arch-s$s "${act[@]}" --config "$space"
  T actuator-single-s$s "${act[@]}"
  $H arch "$out/actuator-arch-s$s" --episodes 20 > "$out/actuator-arch-s$s.arch.txt"
  $H eval "$out/actuator-single-s$s" --episodes 20 > "$out/actuator-single-s$s.eval.txt"
done
# Init: bias-HyperInit (the preset's) against hyperfan-in, CartPole 100k, validation seeds, meta-batch 8.
for s in 101 102; do
  T init-bias-s$s --env CartPole-v1 --config "$here/space-depth2-width64-metabatch8.json" --steps 100000 --seed $s
  T init-hyperfan-s$s --env CartPole-v1 --config "$here/space-depth2-width64-hyperfan.json" --steps 100000 --seed $s
  for init in bias hyperfan; do $H arch "$out/init-$init-s$s" --episodes 20 > "$out/init-$init-s$s.arch.txt"; done
done
# LunarLander: the preset's 1M steps, two seeds.
for s in 1 2; do
  T lunarlander-arch-s$s --env LunarLander-v3 --config "$space" --steps 1000000 --seed $s
  $H arch "$out/lunarlander-arch-s$s" --episodes 20 > "$out/lunarlander-arch-s$s.arch.txt"
done
