# The paper's command, kept at this path: configs/vosgan/vosgan_25e_golf.py,
# trained into work_dirs/vosgan_golf/.
_base_ = 'vosgan/vosgan_25e_golf.py'
