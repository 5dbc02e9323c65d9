# Generator study: vosgan_900i_sprites.py with one change to its generator,
# ReLU after its hidden layers, as in VGAN's generator, instead of the
# paper's LeakyReLU(0.2).
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(generator=dict(act_cfg=dict(type='ReLU')))
