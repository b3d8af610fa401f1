#!/usr/bin/env bash
# Installs Hallphone on a clean Debian/Ubuntu terminal as a service that starts with the machine.
#
#   sudo installer/install.sh [--headless]
#
# Builds the distribution when target/hallphone is missing, then installs:
#   /opt/hallphone                      the distribution (bin/hallphone, lib/)
#   /etc/hallphone/kiosk.properties     the configuration (kept when it exists; edit it, then
#                                       `/opt/hallphone/bin/hallphone --check-config`)
#   /etc/hallphone/logback.xml          logging (kept when it exists)
#   /var/lib/hallphone/calls            the call log
#   /var/log/hallphone                  the logs
#   hallphone.service                   systemd unit; with a screen it starts a bare X server (no window
#                                       manager) with the kiosk on it, with --headless only the terminal
# The service runs as the user "hallphone" (groups dialout and audio) and restarts by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
. installer/lib.sh

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
usermod -a -G dialout,audio,video,tty hallphone

rm -rf /opt/hallphone.new
cp -a target/hallphone /opt/hallphone.new
rm -rf /opt/hallphone
mv /opt/hallphone.new /opt/hallphone

install -d -m 0750 -o root -g hallphone /etc/hallphone
[ -f /etc/hallphone/kiosk.properties ] || install -m 0640 -o root -g hallphone kiosk-config/kiosk.properties /etc/hallphone/
[ -f /etc/hallphone/logback.xml ] || install -m 0644 kiosk-config/logback.xml /etc/hallphone/
install -d -m 0750 -o hallphone -g hallphone /var/lib/hallphone /var/lib/hallphone/calls /var/log/hallphone

if [ "$headless" = true ]; then
    exec_start="/opt/hallphone/bin/hallphone --headless --config /etc/hallphone/kiosk.properties"
else
    # A bare X server with only the kiosk on it: the window sizes itself to the screen.
    exec_start="/usr/bin/xinit /opt/hallphone/bin/hallphone --config /etc/hallphone/kiosk.properties -- :0 -nolisten tcp -nocursor vt7"
    echo "allowed_users=anybody" > /etc/X11/Xwrapper.config
    echo "needs_root_rights=yes" >> /etc/X11/Xwrapper.config
fi
cat > /etc/systemd/system/hallphone.service <<UNIT
[Unit]
Description=Hallphone kiosk terminal
After=network-online.target sound.target
Wants=network-online.target

[Service]
User=hallphone
Group=hallphone
Environment=HALLPHONE_LOG_DIR=/var/log/hallphone
ExecStart=$exec_start
Restart=always
RestartSec=3

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable hallphone.service
echo "Installed. Edit /etc/hallphone/kiosk.properties, check it with"
echo "  /opt/hallphone/bin/hallphone --check-config --config /etc/hallphone/kiosk.properties"
echo "then: systemctl restart hallphone; journalctl -u hallphone -f"
