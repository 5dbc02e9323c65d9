#!/usr/bin/env bash
# Trains on a Slurm cluster, one task per GPU, started by srun:
#
#   [GPUS=16] bash tools/slurm_train.sh PARTITION JOB_NAME CONFIG \
#       [tools/train.py options ...]
#
# Environment: GPUS (default 8), GPUS_PER_NODE (8, or GPUS when fewer),
# CPUS_PER_TASK (5), SRUN_ARGS (more options for srun, e.g. "--time=1-0").
if [ $# -lt 3 ]; then
    echo "usage: bash $0 PARTITION JOB_NAME CONFIG" \
        "[tools/train.py options ...]" >&2
    exit 2
fi
PARTITION=$1
JOB_NAME=$2
CONFIG=$3
shift 3  # what is left goes to tools/train.py as it was given
GPUS=${GPUS:-8}
GPUS_PER_NODE=${GPUS_PER_NODE:-$((GPUS < 8 ? GPUS : 8))}
CPUS_PER_TASK=${CPUS_PER_TASK:-5}
SRUN_ARGS=${SRUN_ARGS:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

# MMEngine's Slurm launcher reads the rendezvous port from MASTER_PORT: a
# random one, so that two jobs on one node do not collide
export MASTER_PORT=${MASTER_PORT:-$((12000 + RANDOM % 20000))}
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
set -x
# SRUN_ARGS unquoted: it may hold several options
exec srun -p "$PARTITION" --job-name="$JOB_NAME" \
    --gres=gpu:"$GPUS_PER_NODE" --ntasks="$GPUS" \
    --ntasks-per-node="$GPUS_PER_NODE" --cpus-per-task="$CPUS_PER_TASK" \
    --kill-on-bad-exit=1 $SRUN_ARGS \
    python -u "$ROOT/tools/train.py" "$CONFIG" --launcher slurm "$@"
