# Prints the systemd unit of the Hallphone service (sourced by install.sh; tests verify its output).
#
#   hallphone_unit HEADLESS PREFIX [CONFLICTS]
#
# HEADLESS: true runs only the terminal; false starts a bare X server with the kiosk on it.
# PREFIX:   where the distribution is installed (/opt/hallphone).
# CONFLICTS: another unit that must not run at the same time (the .deb ships both modes as two units).
#
# The service is sandboxed: the whole file system is read-only to it but for its state and log folders
# (ProtectSystem=strict with ReadWritePaths), it gets its own /tmp, a cap on threads and open files, and cannot
# change cgroups. With a screen the X server is started through Debian's setuid wrapper (Xorg.wrap: it needs root
# to open the console and the graphics card), so NoNewPrivileges, which would stop that wrapper, and the
# options that imply it for a service with User= (ProtectKernel*, RestrictSUIDSGID, LockPersonality, see
# systemd.exec(5)) are set only for --headless; the X server, as root, also writes /var/log/Xorg.0.log.
hallphone_unit() {
    local headless="$1" prefix="$2" conflicts="${3:-}" exec_start writable hardening
    if [ "$headless" = true ]; then
        exec_start="$prefix/bin/hallphone --headless --config /etc/hallphone/kiosk.properties"
        writable="/var/lib/hallphone /var/log/hallphone"
        hardening="NoNewPrivileges=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
RestrictSUIDSGID=yes
LockPersonality=yes"
    else
        # A bare X server with only the kiosk on it: the window sizes itself to the screen.
        exec_start="/usr/bin/xinit $prefix/bin/hallphone --config /etc/hallphone/kiosk.properties"
        exec_start+=" -- :0 -nolisten tcp -nocursor vt7"
        writable="/var/lib/hallphone /var/log/hallphone /var/log"
        hardening="# No NoNewPrivileges (nor the options implying it): it would stop the setuid X server wrapper."
    fi
    cat <<UNIT
[Unit]
Description=Hallphone kiosk terminal
After=network-online.target sound.target
Wants=network-online.target
${conflicts:+Conflicts=$conflicts}

[Service]
User=hallphone
Group=hallphone
Environment=HALLPHONE_LOG_DIR=/var/log/hallphone
# The JDK health server: a request or response that takes longer than 5 s is cut off (F6).
Environment="JAVA_OPTS=-Dsun.net.httpserver.maxReqTime=5 -Dsun.net.httpserver.maxRspTime=5"
ExecStart=$exec_start
Restart=always
RestartSec=3

# Sandbox: read-only system, writable state and logs only, private /tmp, bounded threads and files.
ProtectSystem=strict
ReadWritePaths=$writable
PrivateTmp=yes
ProtectControlGroups=yes
$hardening
TasksMax=512
LimitNOFILE=4096
UMask=0027

[Install]
WantedBy=multi-user.target
UNIT
}
