# Prints the systemd unit of the Hallphone service (sourced by install.sh; tests verify its output).
#
#   hallphone_unit HEADLESS PREFIX
#
# HEADLESS: true runs only the terminal; false starts a bare X server with the kiosk on it.
# PREFIX:   where the distribution is installed (/opt/hallphone).
#
# The service is sandboxed: the whole file system is read-only to it but for its state and log folders
# (ProtectSystem=strict with ReadWritePaths), it gets its own /tmp, a cap on threads and open files, and no
# kernel tunables or cgroups. With a screen the X server is started through Debian's setuid wrapper
# (Xorg.wrap: it needs root to open the console and the graphics card), so NoNewPrivileges, which would stop
# that wrapper, is set only for --headless.
hallphone_unit() {
    local headless="$1" prefix="$2" exec_start no_new_privileges
    if [ "$headless" = true ]; then
        exec_start="$prefix/bin/hallphone --headless --config /etc/hallphone/kiosk.properties"
        no_new_privileges="NoNewPrivileges=yes"
    else
        # A bare X server with only the kiosk on it: the window sizes itself to the screen.
        exec_start="/usr/bin/xinit $prefix/bin/hallphone --config /etc/hallphone/kiosk.properties -- :0 -nolisten tcp -nocursor vt7"
        no_new_privileges="# NoNewPrivileges would stop the setuid X server wrapper (Xorg.wrap)"
    fi
    cat <<UNIT
[Unit]
Description=Hallphone kiosk terminal
After=network-online.target sound.target
Wants=network-online.target

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
$no_new_privileges
ProtectSystem=strict
ReadWritePaths=/var/lib/hallphone /var/log/hallphone
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
LockPersonality=yes
TasksMax=512
LimitNOFILE=4096
UMask=0027

[Install]
WantedBy=multi-user.target
UNIT
}
