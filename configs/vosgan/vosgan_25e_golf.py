# VOS-GAN on VGAN's golf course videos with the paper's settings (full
# width, batch 16, 25 epochs). configs/vosgan_golf.py, the paper's command,
# trains this config into work_dirs/vosgan_golf/, where the fine-tuning,
# recognition and segmentation configs read its final.pth.
_base_ = ['../_base_/models/vosgan.py', '../_base_/golf_training.py']
