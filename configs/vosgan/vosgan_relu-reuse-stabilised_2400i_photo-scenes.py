# Lever "training on stabilised video" on the photo-scene benchmark: the
# recipe of vosgan_relu-reuse_2400i_photo-scenes.py on the same clips with
# the camera's motion removed first (StabiliseClip: every frame warped onto
# the middle one by the RANSAC homography of its Farneback flow), as VGAN's
# golf videos were stabilised. Segment with the val/test pipelines
# stabilised too (a clip and its masks move together, scored in the middle
# frame's coordinates).
_base_ = [
    '../_base_/vosgan_sprite_training.py', '../_base_/photo_scene_gan_data.py'
]
model = dict(
    generator=dict(act_cfg=dict(type='ReLU'), parity_heads=True),
    discriminator=dict(parity_head=True),
    reuse_fakes=True)
train_cfg = dict(max_iters=2400)
train_dataloader = dict(
    dataset={{_base_._photo_scene_stabilised_train_dataset}})
custom_hooks = {{_base_._photo_scene_hooks}}
test_dataloader = dict(dataset={{_base_._photo_scene_test_dataset}})
test_evaluator = {{_base_._photo_scene_test_evaluator}}
# replaces the sprite base's (unused here) so the saved config says which
_gen_classifier = {{_base_._photo_scene_classifier}}
