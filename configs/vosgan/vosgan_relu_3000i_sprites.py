# The 1,800-iteration recipe (vosgan_relu_1800i_sprites.py) trained to
# 3,000 iterations (about 50 minutes on a 2-core CPU): past the point
# where D's segmentation emerges. The last five checkpoints (every 300
# iterations, about 50 MB each) are kept, to be scored and averaged.
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(
    generator=dict(act_cfg=dict(type='ReLU'), parity_heads=False),
    discriminator=dict(parity_head=False),
    reuse_fakes=False)
train_cfg = dict(max_iters=3000)
default_hooks = dict(checkpoint=dict(max_keep_ckpts=5))
