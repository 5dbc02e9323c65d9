import argparse

from mmengine.registry import DefaultScope

from vosgan_mm.utils.tool_arguments import (add_config_arguments,
                                            config_from_args)


def test_the_config_tail_merges_cfg_options_and_sets_the_default_scope(
        tmp_path):
    config = tmp_path / 'cfg.py'
    config.write_text("model = dict(type='VGAN', width=1)\n")
    parser = argparse.ArgumentParser()
    parser.add_argument('config')
    add_config_arguments(parser)
    args = parser.parse_args(
        [str(config), '--cfg-options', 'model.width=2', '--debug'])
    assert args.debug
    cfg = config_from_args(args)
    assert cfg.model == dict(type='VGAN', width=2)
    assert DefaultScope.get_current_instance().scope_name == 'vosgan_mm'


def test_without_cfg_options_the_file_is_read_as_it_is(tmp_path):
    config = tmp_path / 'cfg.py'
    config.write_text('x = 1\n')
    parser = argparse.ArgumentParser()
    parser.add_argument('config')
    add_config_arguments(parser, cfg_options_help='merged into every config')
    args = parser.parse_args([str(config)])
    assert args.cfg_options is None and not args.debug
    assert config_from_args(args).x == 1
    assert 'merged into every config' in parser.format_help()
