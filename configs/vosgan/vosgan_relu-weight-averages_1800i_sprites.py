# vosgan_relu_1800i_sprites.py with moving averages of D at four momenta
# kept beside it from iteration 1,501 on (WeightAverageSweepHook: training
# is unchanged), saved at 1,650 and 1,800 as discriminator_ema<m>_iter<N>.pth
# and discriminator_raw_iter<N>.pth: the README's table of momenta, each
# run resumed from its iteration-1,500 checkpoint.
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(
    generator=dict(act_cfg=dict(type='ReLU'), parity_heads=False),
    discriminator=dict(parity_head=False),
    reuse_fakes=False)
train_cfg = dict(max_iters=1800)
custom_hooks = _base_.custom_hooks + [
    dict(
        type='WeightAverageSweepHook',
        momenta=(0.01, 0.02, 0.05, 0.1),
        save_at=(1650, 1800),
        begin_iter=1501)
]
