# "Adversarial" on the photo-scene benchmark: the discriminator of the main
# recipe trained on photo-scene clips
# (configs/vosgan/vosgan_relu-reuse_2400i_photo-scenes.py) as is, no label;
# checkpoint 2,100 and a per-frame Otsu threshold, chosen on the val split
# (_base_/photo_scenes_adversarial.py). Test with (no checkpoint argument):
#   python tools/test.py configs/segmentation/vosgan_seg_adversarial_photo_scenes.py
_base_ = '_base_/photo_scenes_adversarial.py'
