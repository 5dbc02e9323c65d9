# Which side holds VOS-GAN back at the demo budget? VOS-GAN's discriminator
# and losses (configs/vosgan_demo.py) with VGAN's generator: one 100-d
# latent, ReLU, no LSTM trajectory, no stride-3 layer. VGAN's mask prior is
# not added, so the generator is the only change.
_base_ = '../vosgan_demo.py'
model = dict(
    generator=dict(
        _delete_=True, type='VGANGenerator', latent_dim=100, base_channels=16),
    latent_sampler=dict(
        _delete_=True, type='GaussianLatentSampler', latent_dim=100))
