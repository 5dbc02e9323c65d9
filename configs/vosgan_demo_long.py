# The demo recipe trained four times longer: 3,600 iterations of batch 8,
# about an hour on a 2-core CPU. Past about 2,000 iterations G's mask turns
# sparse and D's segmentation of real sprite clips reaches the flow
# baseline's level, with large swings from one evaluation to the next
# (docs/experiments/): the last four checkpoints
# (every 300 iterations, about 50 MB each) are kept, to be scored.
_base_ = ['vosgan_demo.py']
train_cfg = dict(max_iters=3600)
default_hooks = dict(checkpoint=dict(max_keep_ckpts=4))
