from .generation import load_gan, write_sample_sheets

__all__ = ['load_gan', 'write_sample_sheets']
