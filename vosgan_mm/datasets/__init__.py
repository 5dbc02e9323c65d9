from .clip_store import ClipStore, ClipStoreWriter
from .clip_store_dataset import ClipStoreDataset
from .davis2016_dataset import DAVIS2016Dataset
from .errors import DroppedClip, VideoDataError
from .file_clip_dataset import FileClipDataset
from .frame_mask_folder_dataset import FrameMaskFolderDataset
from .generated_video_dataset import GeneratedVideoDataset
from .golf_strip_dataset import GolfStripDataset
from .photo_scene_segmentation_dataset import PhotoSceneSegmentationDataset
from .photo_scenes import render_photo_scene_clip
from .segtrack_v2_dataset import SegTrackV2Dataset
from .skipped_clips import SkippedClips
from .sprite_segmentation_dataset import SpriteSegmentationDataset
from .sprite_video_dataset import SpriteVideoDataset, render_sprite_clip
from .transforms import *  # noqa: F401,F403
from .ucf101_annotations import (build_split, hold_out_groups,
                                 read_class_index)
from .video_clip_dataset import VideoClipDataset
from .video_folder_dataset import VideoFolderDataset
from .video_segmentation_dataset import (VideoSegmentationDataset,
                                         cut_into_shots, split_by_video)

__all__ = [
    'ClipStore', 'ClipStoreDataset', 'ClipStoreWriter', 'DAVIS2016Dataset',
    'DroppedClip', 'FileClipDataset', 'FrameMaskFolderDataset',
    'GeneratedVideoDataset', 'GolfStripDataset',
    'PhotoSceneSegmentationDataset', 'SegTrackV2Dataset',
    'SkippedClips', 'SpriteSegmentationDataset', 'SpriteVideoDataset',
    'VideoClipDataset', 'VideoDataError', 'VideoFolderDataset',
    'VideoSegmentationDataset', 'cut_into_shots', 'render_photo_scene_clip',
    'render_sprite_clip',
    'split_by_video', 'build_split', 'hold_out_groups', 'read_class_index'
]
