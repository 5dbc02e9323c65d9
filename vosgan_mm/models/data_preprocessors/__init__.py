from .video_gan_data_preprocessor import VideoGANDataPreprocessor

__all__ = ['VideoGANDataPreprocessor']
