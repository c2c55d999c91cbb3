# The chp addons on the official Odoo 18.0 image (Ubuntu noble, Odoo's deb).
# The image lacks `holidays`, which chp_complaints declares in its manifest's
# external_dependencies. The current `holidays` needs python-dateutil >=
# 2.9.0.post0 and the image has Ubuntu's 2.8.2, so python-dateutil is
# upgraded too (a backwards-compatible release; the same choice as the
# workspace's requirements.txt). scripts/check_docker.py (make lint) fails
# when a manifest names a Python package this file does not install.
FROM odoo:18.0

USER root
RUN pip3 install --no-cache-dir --break-system-packages \
        "python-dateutil>=2.9.0.post0" \
        "holidays>=0.60" \
        "phonenumbers"

COPY --chown=odoo:odoo addons /mnt/extra-addons
USER odoo
