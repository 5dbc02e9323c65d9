# Ablation "w/o segm." at the budget of the README's ablation table (the
# model of vosgan_relu_1800i_sprites.py): D's segmentation term is off.
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(
    generator=dict(act_cfg=dict(type='ReLU'), parity_heads=False),
    discriminator=dict(parity_head=False),
    reuse_fakes=False,
    loss_weights=dict(seg=0.0))
train_cfg = dict(max_iters=1800)
