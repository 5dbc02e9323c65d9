# vosgan_relu-reuse-stabilised_2400i_photo-scenes.py reading its clips
# stabilised once into a clip store instead of stabilising each clip at
# every visit: 2,400 iterations of batch 8 visit each of the 2,048 clips
# about 9 times, and the RANSAC fits made a training step on one core
# cost about 1.6x the main recipe's. The frames are the same to the byte
# and the sampler draws the same clips in the same order, so it is the
# same run. Write the store first (7 min with two workers on 2 cores):
#   python tools/data/convert_to_clip_store.py \
#       configs/vosgan/vosgan_relu-reuse-stabilised_2400i_photo-scenes.py \
#       data/photo_scenes/stabilised_train --workers 2
_base_ = [
    '../_base_/vosgan_sprite_training.py', '../_base_/photo_scene_gan_data.py'
]
model = dict(
    generator=dict(act_cfg=dict(type='ReLU'), parity_heads=True),
    discriminator=dict(parity_head=True),
    reuse_fakes=True)
train_cfg = dict(max_iters=2400)
train_dataloader = dict(
    dataset={{_base_._photo_scene_stabilised_store_train_dataset}})
custom_hooks = {{_base_._photo_scene_hooks}}
test_dataloader = dict(dataset={{_base_._photo_scene_test_dataset}})
test_evaluator = {{_base_._photo_scene_test_evaluator}}
# replaces the sprite base's (unused here) so the saved config says which
_gen_classifier = {{_base_._photo_scene_classifier}}
