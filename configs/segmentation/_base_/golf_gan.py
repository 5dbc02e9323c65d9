# The segmentation scenarios of Tables 6 and 7 at the paper's size: the
# segmenter has the width of configs/vosgan_golf.py and starts from the GAN
# trained on golf (paper Sec. 4.4: the synthetic segmenter learns from that
# generator's masks, the adversarial one is its discriminator). Fine-tuning:
# Adam 2e-4, batch 16, 100 epochs of the data set's training videos.
_base_ = [
    '../../_base_/models/vosgan_segmenter.py',
    '../../_base_/schedules/segmentation_adam_100e.py',
    '../../_base_/default_runtime.py'
]
_gan_config = 'configs/vosgan_golf.py'
_gan_checkpoint = 'work_dirs/vosgan_golf/final.pth'
# the synthetic segmenter, trained once on generated videos and masks only
# (configs/segmentation/vosgan_seg_synthetic_golf.py), is the start of
# every data set's fine-tuned synthetic scenario
_synthetic_checkpoint = 'work_dirs/vosgan_seg_synthetic_golf/iter_20000.pth'
custom_hooks = []
