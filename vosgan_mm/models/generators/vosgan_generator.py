from typing import Dict, List, Optional, Union

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from vosgan_mm.models.layers import DCGAN_INIT_CFG, LRELU, conv_block
from vosgan_mm.models.utils import loads_checkpoint
from vosgan_mm.registry import MODELS
from . import canvas_camera  # noqa: F401 (registers CanvasCamera)


def _triple(value) -> tuple:
    return tuple(value) if isinstance(value, (list, tuple)) else (value, ) * 3


def _checked_layer2(layer: dict) -> dict:
    """``layer`` as ``up3d`` keywords, if it takes 2x4x4 to 4x8x8."""
    if set(layer) != {'kernel_size', 'stride', 'padding'}:
        raise KeyError('foreground_layer2 takes exactly kernel_size, stride '
                       f'and padding, got {sorted(layer)}')
    k, s, p = (
        _triple(layer[key]) for key in ('kernel_size', 'stride', 'padding'))
    size = tuple((i - 1) * s_ - 2 * p_ + k_
                 for i, k_, s_, p_ in zip((2, 4, 4), k, s, p))
    if size != (4, 8, 8):
        raise ValueError(f'foreground_layer2 {layer} takes 2x4x4 to '
                         f'{"x".join(map(str, size))}, not 4x8x8')
    return dict(k=k, s=s, p=p)


@MODELS.register_module()
class VOSGANGenerator(BaseModule):
    """VOS-GAN generator (paper Table 1 and Eq. 1).

    A background stream maps the scene code to one image ``b``; an LSTM reads
    the motion trajectory and its final hidden state ``h``, concatenated with
    the scene code, drives a 3D foreground stream whose two heads give the
    foreground frames ``f`` and the mask ``m``. The video is
    ``m * f + (1 - m) * b`` with ``b`` repeated over time (with
    ``camera_motion``, ``b_t`` is the camera's view of ``b`` in frame t).

    Args:
        latent_dim (int): Size of ``z_scene`` and of each ``z_motion`` point.
            Defaults to 100.
        motion_hidden_dim (int): LSTM hidden size. Defaults to 100.
        base_channels (int): Width of the last hidden layer; the layers use
            8x, 4x, 2x and 1x of it (the paper: 64, i.e. 512...64).
        norm_cfg (dict, optional): Norm after each hidden 3D transposed conv.
            Defaults to ``dict(type='BN3d')``; None for the paper's table.
        background_norm_cfg (dict, optional): Same for the 2D stream.
            Defaults to ``dict(type='BN2d')``.
        act_cfg (dict): Activation after each hidden layer of both streams.
            Defaults to the paper's LeakyReLU(0.2); VGAN's generator has
            ReLU.
        foreground_layer2 (dict): ``kernel_size``, ``stride`` and
            ``padding`` of the foreground stream's second layer, which
            takes 2x4x4 to 4x8x8. Defaults to the paper's Table 1:
            kernel 3, stride 3, padding (1, 2, 2), whose output blocks do
            not overlap; VGAN's generator has kernel 4, stride 2, padding 1
            there.
        mask_init_bias (float, optional): Initial bias of the mask head's
            last layer, e.g. -3 for masks that start near sigmoid(-3) =
            0.05: the first videos are the static background, and the
            foreground stream enters where the adversarial loss needs it
            (motion). Defaults to None (the paper's initialisation, bias 0:
            masks start at 0.5).
        parity_heads (bool): Compute the two full-resolution heads (3 and
            1 output channels) as :class:`ParityConvTranspose3d`: the same
            parameters and outputs (to float rounding), about twice as
            fast on CPU. Defaults to False (PyTorch's transposed
            convolution, as every published run before it).
        camera_motion (dict, optional): A camera over the background
            (:class:`CanvasCamera` keywords, e.g. ``dict(margin=0.25)``):
            the background image becomes a canvas and each frame shows a
            part of it shifted by a path read from the motion encoder's
            output at that step; the path starts still. Sample grids
            (``VideoSampleHook``) then show the canvas as the background.
            Defaults to None (the paper: one background image for every
            frame).

    Shapes:
        z_scene (N, 100) and z_motion (N, T, 100) in; out ``video``
        (N, 3, 32, 64, 64) in [-1, 1], ``mask`` (N, 1, 32, 64, 64) in
        [0, 1], ``foreground`` (N, 3, 32, 64, 64), ``background``
        (N, 3, 64, 64).
    """

    def __init__(self,
                 latent_dim: int = 100,
                 motion_hidden_dim: int = 100,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN3d'),
                 background_norm_cfg: Optional[dict] = dict(type='BN2d'),
                 act_cfg: dict = LRELU,
                 foreground_layer2: dict = dict(
                     kernel_size=3, stride=3, padding=(1, 2, 2)),
                 mask_init_bias: Optional[float] = None,
                 parity_heads: bool = False,
                 camera_motion: Optional[dict] = None,
                 init_cfg: Optional[Union[dict, List[dict]]] = DCGAN_INIT_CFG):
        super().__init__(init_cfg=init_cfg)
        c = base_channels
        self.latent_dim = latent_dim
        self.mask_init_bias = mask_init_bias
        self.motion_encoder = nn.LSTM(
            latent_dim, motion_hidden_dim, batch_first=True)
        self.camera = None if camera_motion is None else MODELS.build(
            dict(
                type='CanvasCamera',
                in_features=motion_hidden_dim,
                **camera_motion))

        def up2d(cin, cout, k, s, p, act=act_cfg, norm=background_norm_cfg):
            return conv_block('deconv', 2, cin, cout, k, s, p, norm, act)

        def up3d(cin,
                 cout,
                 k,
                 s,
                 p,
                 act=act_cfg,
                 norm=norm_cfg,
                 kind='deconv'):
            return conv_block(kind, 3, cin, cout, k, s, p, norm, act)

        # (N, 100, 1, 1) -> (N, 3, 64, 64)
        self.background_stream = nn.Sequential(
            up2d(latent_dim, 8 * c, 4, 1, 0),  # 512 x 4 x 4
            up2d(8 * c, 4 * c, 4, 2, 1),  # 256 x 8 x 8
            up2d(4 * c, 2 * c, 4, 2, 1),  # 128 x 16 x 16
            up2d(2 * c, c, 4, 2, 1),  # 64 x 32 x 32
            up2d(c, 3, 4, 2, 1, dict(type='Tanh'), None),  # 3 x 64 x 64
        )
        # (N, 200, 1, 1, 1) -> (N, 64, 16, 32, 32)
        self.foreground_stream = nn.Sequential(
            up3d(latent_dim + motion_hidden_dim, 8 * c, (2, 4, 4), 1,
                 0),  # 512 x 2 x 4 x 4
            up3d(8 * c, 4 * c,
                 **_checked_layer2(foreground_layer2)),  # 256 x 4 x 8 x 8
            up3d(4 * c, 2 * c, 4, 2, 1),  # 128 x 8 x 16 x 16
            up3d(2 * c, c, 4, 2, 1),  # 64 x 16 x 32 x 32
        )
        # both heads read the same 64 x 16 x 32 x 32 features
        head = 'parity_deconv' if parity_heads else 'deconv'
        self.foreground_head = up3d(c, 3, 4, 2, 1, dict(type='Tanh'), None,
                                    head)  # 3 x 32 x 64 x 64
        self.mask_head = up3d(c, 1, 4, 2, 1, dict(type='Sigmoid'), None,
                              head)  # 1 x 32 x 64 x 64

    def init_weights(self) -> None:
        super().init_weights()
        init_cfgs = self.init_cfg if isinstance(self.init_cfg,
                                                list) else [self.init_cfg]
        pretrained = any(loads_checkpoint(c) for c in init_cfgs)
        if self.mask_init_bias is not None and not pretrained:
            nn.init.constant_(self.mask_head.conv.bias, self.mask_init_bias)

    def encode_motion(self, z_motion: torch.Tensor) -> torch.Tensor:
        """(N, T, D) trajectory -> (N, H) final LSTM hidden state."""
        return self.read_trajectory(z_motion)[1]

    def read_trajectory(self, z_motion: torch.Tensor) -> tuple:
        """(N, T, D) trajectory -> the LSTM's outputs at every step
        (N, T, H) and its final hidden state (N, H).

        Under CPU autocast the LSTM runs in float32: autocast would send it
        to oneDNN in bfloat16, which CPUs without AVX-512 refuse ("could
        not create a primitive descriptor for the LSTM forward propagation
        primitive"), and at 100 units it costs nothing to keep in float32.
        On a GPU autocast applies as usual.
        """
        if z_motion.device.type == 'cpu' and torch.is_autocast_enabled('cpu'):
            with torch.autocast('cpu', enabled=False):
                steps, (hidden, _) = self.motion_encoder(z_motion.float())
        else:
            steps, (hidden, _) = self.motion_encoder(z_motion)
        return steps, hidden[-1]

    @staticmethod
    def compose(foreground: torch.Tensor, mask: torch.Tensor,
                background: torch.Tensor) -> torch.Tensor:
        """Eq. 1: ``m * f + (1 - m) * b``; b is (N, 3, H, W), repeated over
        T, or one background per frame (N, 3, T, H, W)."""
        if background.dim() == 4:
            background = background.unsqueeze(2)
        return mask * foreground + (1 - mask) * background

    def forward(self, z_scene: torch.Tensor,
                z_motion: torch.Tensor) -> Dict[str, torch.Tensor]:
        if z_scene.dim() != 2 or z_motion.dim() != 3 or \
                z_scene.shape[0] != z_motion.shape[0]:
            raise ValueError(
                'VOSGANGenerator expects z_scene (N, D) and z_motion '
                f'(N, T, D), got {tuple(z_scene.shape)} and '
                f'{tuple(z_motion.shape)}')
        steps, motion = self.read_trajectory(z_motion)  # (N, T, H), (N, H)
        background = self.background_stream(z_scene[:, :, None, None])
        code = torch.cat([z_scene, motion], dim=1)[:, :, None, None, None]
        features = self.foreground_stream(code)  # (N, C, 16, 32, 32)
        foreground = self.foreground_head(features)  # (N, 3, T, H, W)
        mask = self.mask_head(features)  # (N, 1, T, H, W)
        if self.camera is None:
            return dict(
                video=self.compose(foreground, mask, background),
                mask=mask,
                foreground=foreground,
                background=background)
        shifts = self.camera.shifts(steps, mask.shape[2])  # (N, T, 2)
        frames = self.camera.view(background, shifts)  # (N, 3, T, H, W)
        return dict(
            video=self.compose(foreground, mask, frames),
            mask=mask,
            foreground=foreground,
            background=background,  # the canvas
            background_frames=frames,
            camera_shifts=shifts)
