# The converse of configs/generator_study/vosgan_demo_vgan_generator.py:
# VGAN's critic and losses (configs/vgan_demo.py, with its mask prior 0.1)
# with VOS-GAN's generator and its SLERP motion trajectory.
_base_ = '../vgan_demo.py'
model = dict(
    generator=dict(_delete_=True, type='VOSGANGenerator', base_channels=16),
    latent_sampler=dict(
        _delete_=True,
        type='SlerpTrajectorySampler',
        latent_dim=100,
        num_frames=32))
