# Generator study: which side holds VOS-GAN back at 900 iterations?
# VOS-GAN's discriminator and losses with VGAN's generator: one 100-d
# latent, ReLU, no LSTM trajectory, no stride-3 layer. VGAN's mask prior is
# not added, so the generator is the only change. The converse is
# configs/vgan/vgan_vosgan-generator_900i_sprites.py.
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(
    generator=dict(
        _delete_=True, type='VGANGenerator', latent_dim=100, base_channels=16),
    latent_sampler=dict(
        _delete_=True, type='GaussianLatentSampler', latent_dim=100))
