# The 900-iteration recipe trained four times longer (about an hour on a
# 2-core CPU). D's segmentation swings from one evaluation to the next past
# 2,000 iterations, so the last four checkpoints (every 300 iterations,
# about 50 MB each) are kept, to be scored.
_base_ = '../_base_/vosgan_sprite_training.py'
train_cfg = dict(max_iters=3600)
default_hooks = dict(checkpoint=dict(max_keep_ckpts=4))
