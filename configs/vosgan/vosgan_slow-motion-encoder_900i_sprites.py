# Generator study: vosgan_900i_sprites.py with one change, the generator's
# LSTM motion encoder learning at a tenth of the learning rate (Adam's
# steps are about the same size for every weight, and its inputs, 100-d
# standard normal points, have a norm of about 10: at the full rate its
# gates saturate within a few hundred iterations and its final state
# becomes the same for every trajectory, so the motion code stops reaching
# the video).
_base_ = '../_base_/vosgan_sprite_training.py'
optim_wrapper = dict(
    generator=dict(
        paramwise_cfg=dict(custom_keys={'motion_encoder': dict(lr_mult=0.1)})))
