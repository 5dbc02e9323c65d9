# Lever "a moving background canvas in G" on the photo-scene benchmark: the
# recipe of vosgan_relu-reuse_2400i_photo-scenes.py with a camera over the
# generator's background (CanvasCamera: each frame shows 3/4 of the
# background image's width and height, shifted along a path read from the
# motion encoder, still at the start), so that the generator can pan and
# shake as the real clips' camera does. The view is stretched to the frame,
# so the background also loses a quarter of its resolution.
_base_ = [
    '../_base_/vosgan_sprite_training.py', '../_base_/photo_scene_gan_data.py'
]
model = dict(
    generator=dict(
        act_cfg=dict(type='ReLU'),
        parity_heads=True,
        camera_motion=dict(margin=0.25)),
    discriminator=dict(parity_head=True),
    reuse_fakes=True)
train_cfg = dict(max_iters=2400)
train_dataloader = dict(dataset={{_base_._photo_scene_train_dataset}})
custom_hooks = {{_base_._photo_scene_hooks}}
test_dataloader = dict(dataset={{_base_._photo_scene_test_dataset}})
test_evaluator = {{_base_._photo_scene_test_evaluator}}
# replaces the sprite base's (unused here) so the saved config says which
_gen_classifier = {{_base_._photo_scene_classifier}}
