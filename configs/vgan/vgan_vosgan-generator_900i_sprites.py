# Generator study, the converse of
# configs/vosgan/vosgan_vgan-generator_900i_sprites.py: VGAN's critic and
# losses (with its mask prior 0.1) with VOS-GAN's generator and its SLERP
# motion trajectory, at the budget of vgan_900i_sprites.py.
_base_ = ['../_base_/models/vgan.py', '../_base_/sprite_training.py']
model = dict(
    generator=dict(_delete_=True, type='VOSGANGenerator', base_channels=16),
    discriminator=dict(base_channels=16),
    latent_sampler=dict(
        _delete_=True,
        type='SlerpTrajectorySampler',
        latent_dim=100,
        num_frames=32))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
