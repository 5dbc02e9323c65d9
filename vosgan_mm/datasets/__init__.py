from .errors import VideoDataError
from .golf_strip_dataset import GolfStripDataset
from .sprite_video_dataset import SpriteVideoDataset, render_sprite_clip
from .transforms import *  # noqa: F401,F403
from .video_clip_dataset import VideoClipDataset
from .video_folder_dataset import VideoFolderDataset

__all__ = [
    'GolfStripDataset', 'SpriteVideoDataset', 'VideoClipDataset',
    'VideoDataError', 'VideoFolderDataset', 'render_sprite_clip'
]
