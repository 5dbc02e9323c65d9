# MMAction2's Recognizer3D over the vgan discriminator (its layers up to the
# real/fake output), initialised from a GAN checkpoint by prefix.
_base_ = 'recognizer_vosgan.py'
model = dict(
    backbone=dict(
        type='Conv3dDiscriminatorBackbone',
        init_cfg=dict(checkpoint='work_dirs/vgan_25e_golf/final.pth')),
    # linear on the whole 512 x 2 x 4 x 4 = 16,384-value embedding
    cls_head=dict(in_channels=512))
