#!/usr/bin/env bash
# Trains with one process per GPU, started by torchrun, on this machine or,
# with NNODES > 1, on each of several machines (run it on every one of
# them with its NODE_RANK):
#
#   bash tools/dist_train.sh CONFIG GPUS [tools/train.py options ...]
#
# Environment: NNODES (default 1), NODE_RANK (0), MASTER_ADDR (127.0.0.1),
# PORT (29500). Without CUDA the processes train on the CPU over gloo.
if [ $# -lt 2 ]; then
    echo "usage: bash $0 CONFIG GPUS [tools/train.py options ...]" >&2
    exit 2
fi
CONFIG=$1
GPUS=$2
shift 2  # what is left goes to tools/train.py as it was given
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
MASTER_ADDR=${MASTER_ADDR:-127.0.0.1}
PORT=${PORT:-29500}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

# the checkout's package, installed or not
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
set -x
exec python -m torch.distributed.run --nnodes="$NNODES" \
    --node_rank="$NODE_RANK" --master_addr="$MASTER_ADDR" \
    --master_port="$PORT" --nproc_per_node="$GPUS" \
    "$ROOT/tools/train.py" "$CONFIG" --launcher pytorch "$@"
