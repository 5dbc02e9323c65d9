# Generator study: vosgan_900i_sprites.py with one change to its generator,
# the foreground stream's second layer as in VGAN's generator (kernel 4,
# stride 2, padding 1: overlapping output blocks) instead of the paper's
# kernel 3, stride 3, padding (1, 2, 2), whose 3x3x3 output blocks do not
# overlap.
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(
    generator=dict(foreground_layer2=dict(kernel_size=4, stride=2, padding=1)))
