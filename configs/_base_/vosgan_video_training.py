# VOS-GAN on your own video files (data/videos, see README), with the flow
# scale measured on real footage.
_base_ = [
    'models/vosgan.py', 'datasets/video_folder.py', 'schedules/gan_adam.py',
    'default_runtime.py'
]
# OF() scale: measure your clips with tools/analysis_tools/flow_statistics.py
# configs/vosgan/vosgan_25e_videos.py. OpenCV's vtest.avi (static camera,
# pedestrians; Debian's opencv-doc) cut into 24 clips of 32 frames: 99.9th
# percentile of |x|, |y| 1.67 px at 64x64 -> 2 px. The variance-normalised
# flow loss lets the flow terms reach D's encoder (docs/experiments/); set
# 'none' and 8 px for the paper's plain setting.
model = dict(
    flow_target=dict(max_displacement=2.0),
    flow_loss_normalization='variance')
