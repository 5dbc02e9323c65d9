# The 1,800-iteration recipe (configs/vosgan_sprites_1800.py: ReLU in G,
# fresh noise for each update; the main command until its faster step)
# trained longer: 3,000 iterations of batch 8, about 50 minutes on a 2-core
# CPU. It asks whether a budget past the point where D's segmentation emerges
# (1,000-1,800 iterations, depending on the run) makes every run beat the
# flow baseline, and how far the method goes (docs/experiments/). The last five
# checkpoints (every 300 iterations, about
# 50 MB each) are kept, to be scored.
_base_ = ['vosgan_sprites_1800.py']
train_cfg = dict(max_iters=3000)
default_hooks = dict(checkpoint=dict(max_keep_ckpts=5))
