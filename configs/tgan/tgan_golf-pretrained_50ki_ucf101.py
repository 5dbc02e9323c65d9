# TGAN trained on golf (configs/tgan/tgan_25e_golf.py), fine-tuned on UCF101
# videos for 50,000 iterations (the paper does not state the length).
_base_ = [
    '../_base_/models/tgan.py', '../_base_/golf_training.py',
    '../_base_/datasets/finetune_videos.py'
]
load_from = 'work_dirs/tgan_25e_golf/final.pth'
train_dataloader = dict(dataset={{_base_._ucf101_gan_dataset_without_flow}})
test_dataloader = dict(dataset={{_base_._ucf101_gan_dataset_without_flow}})
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=50_000)
