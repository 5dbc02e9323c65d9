# TGAN baseline on VGAN's golf course videos, trained like VOS-GAN (same
# data, optimizer, batch and length); only the model differs.
_base_ = ['../_base_/models/tgan.py', '../_base_/golf_training.py']
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
