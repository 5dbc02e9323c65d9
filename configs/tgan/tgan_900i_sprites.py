# TGAN baseline on the embedded sprite videos at the budget of
# configs/vosgan/vosgan_900i_sprites.py (same width, batch and iterations).
_base_ = ['../_base_/models/tgan.py', '../_base_/sprite_training.py']
model = dict(
    generator=dict(base_channels=16), discriminator=dict(base_channels=16))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
