#!/usr/bin/env bash
# Installs Hallphone on a clean Debian/Ubuntu terminal as a service that starts with the machine.
#
#   sudo installer/install.sh [--headless]
#
# Builds the distribution when target/hallphone is missing, then installs:
#   /opt/hallphone                      the distribution (bin/hallphone, lib/)
#   /etc/hallphone/kiosk.properties     the configuration, root:hallphone 0640 (kept when it exists; edit it,
#                                       then `/opt/hallphone/bin/hallphone --check-config`)
#   /etc/hallphone/sip.secret           (yours to create, for sip.password-file) root:hallphone 0640:
#                                         install -m 0640 -o root -g hallphone /dev/null /etc/hallphone/sip.secret
#   /etc/hallphone/logback.xml          logging (kept when it exists)
#   /var/lib/hallphone/calls            the call log
#   /var/log/hallphone                  the logs
#   hallphone.service                   systemd unit; with a screen it starts a bare X server (no window
#                                       manager) with the kiosk on it, with --headless only the terminal
# The service runs as the user "hallphone" (groups dialout, audio, video), sandboxed by systemd (see
# installer/unit.sh), and restarts by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
. installer/lib.sh
. installer/unit.sh

headless=false
for arg in "$@"; do
    case "$arg" in
        --headless) headless=true ;;
        *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
done
if [ "$(id -u)" -ne 0 ]; then
    echo "run as root (sudo $0)" >&2
    exit 2
fi

packages=(jre pulseaudio libasound2-plugins alsa-utils)
if [ "$headless" = false ]; then
    packages+=(xserver-xorg-core xserver-xorg-input-libinput xinit "libgtk-3-0t64|libgtk-3-0" x11-xserver-utils)
fi
ensure_packages "${packages[@]}"
if [ ! -x target/hallphone/bin/hallphone ]; then
    ensure_packages jdk maven
    mvn -B -q -ntp package -DskipTests
fi

id hallphone >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/hallphone \
    --shell /usr/sbin/nologin hallphone
# dialout: the handset's serial port; audio: the sound card; video: the screen. Not tty: the X server opens the
# console through its setuid wrapper, and a member of tty could write to every terminal on the machine.
usermod -a -G dialout,audio,video hallphone
gpasswd -d hallphone tty >/dev/null 2>&1 || true

rm -rf /opt/hallphone.new
cp -a target/hallphone /opt/hallphone.new
rm -rf /opt/hallphone
mv /opt/hallphone.new /opt/hallphone

install -d -m 0750 -o root -g hallphone /etc/hallphone
[ -f /etc/hallphone/kiosk.properties ] || install -m 0640 -o root -g hallphone kiosk-config/kiosk.properties /etc/hallphone/
[ -f /etc/hallphone/logback.xml ] || install -m 0644 kiosk-config/logback.xml /etc/hallphone/
install -d -m 0750 -o hallphone -g hallphone /var/lib/hallphone /var/lib/hallphone/calls /var/log/hallphone

if [ "$headless" = false ]; then
    # Debian's setuid wrapper starts the X server as root for the service user (who is not in the tty group).
    echo "allowed_users=anybody" > /etc/X11/Xwrapper.config
    echo "needs_root_rights=yes" >> /etc/X11/Xwrapper.config
fi
hallphone_unit "$headless" /opt/hallphone > /etc/systemd/system/hallphone.service
if command -v systemd-analyze >/dev/null; then
    systemd-analyze verify /etc/systemd/system/hallphone.service \
        || echo "warning: systemd-analyze found problems in hallphone.service" >&2
fi
systemctl daemon-reload
systemctl enable hallphone.service
echo "Installed. Edit /etc/hallphone/kiosk.properties, check it with"
echo "  /opt/hallphone/bin/hallphone --check-config --config /etc/hallphone/kiosk.properties"
echo "then: systemctl restart hallphone; journalctl -u hallphone -f"
