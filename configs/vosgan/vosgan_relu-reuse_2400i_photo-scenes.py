# The main recipe (vosgan_relu-reuse_2400i_sprites.py) trained on the
# photo-scene benchmark's clips under every factor (moving camera, rippling
# band, illumination, noise, compression, pauses, occlusion): seed 10, the
# benchmark's training seed, never its val (16) or test (17) clips. Data,
# monitors and generation metrics: ../_base_/photo_scene_gan_data.py.
_base_ = [
    '../_base_/vosgan_sprite_training.py', '../_base_/photo_scene_gan_data.py'
]
model = dict(
    generator=dict(act_cfg=dict(type='ReLU'), parity_heads=True),
    discriminator=dict(parity_head=True),
    reuse_fakes=True)
train_cfg = dict(max_iters=2400)
train_dataloader = dict(dataset={{_base_._photo_scene_train_dataset}})
custom_hooks = {{_base_._photo_scene_hooks}}
test_dataloader = dict(dataset={{_base_._photo_scene_test_dataset}})
test_evaluator = {{_base_._photo_scene_test_evaluator}}
# replaces the sprite base's (unused here) so the saved config says which
_gen_classifier = {{_base_._photo_scene_classifier}}
