#!/bin/sh
# The HLS origin's ffmpeg arguments, run for real: nix/hls-origin.nix gives
# each profile of profiles/default.nix its arguments as pure data (evaluated
# here with the real nix, without nixpkgs); Debian's ffmpeg runs them for a
# few segments, and ffprobe checks that master.m3u8 lists the profile's
# renditions at the right sizes and that the segments have its length.
. "${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}/tests/nix/common.sh"

for tool in ffmpeg ffprobe; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "1..0 # SKIP $tool is not installed (apt-get install ffmpeg)"; exit 0; }
done
if [ "${UP_SUITE_VARIANT:-}" = sanitize ]; then
	echo "1..0 # SKIP media checks run once, with the -Werror build (they do not run up)"
	exit 0
fi

# args PROFILE PART: the profile's ffmpeg arguments (encode or hls), one a line.
args() {
	nix eval --raw --impure --expr "let
	  root = builtins.getEnv \"UP_TEST_ROOT\";
	  hls = import (root + \"/nix/hls-origin.nix\") { pkgs.stdenv.hostPlatform.system = builtins.currentSystem; };
	  target = builtins.head (builtins.filter (t: t.profile == \"$1\")
	    ((import (root + \"/nix/lib.nix\")).allTargets (import (root + \"/profiles/default.nix\"))));
	in builtins.concatStringsSep \"\\n\" (map toString (
	  if \"$2\" == \"encode\" || \"$2\" == \"hls\" then (hls.ffmpegFor target).$2
	  else [ (hls.ffmpegFor target).$2 ]))"
}
# setting PROFILE NAME: a setting of the profile, as profiles/default.nix has it.
setting() {
	nix eval --raw --impure --expr "toString (import (builtins.getEnv \"UP_TEST_ROOT\" + \"/profiles/default.nix\")).profiles.\"$1\".settings.$2"
}

for profile in default low-latency 4k-abr stress-test; do
	dir=$TEST_TMP/hls-$profile
	n=$(args "$profile" n)
	seconds=$(args "$profile" segmentSeconds)
	resolution=$(setting "$profile" resolution)
	i=0
	while [ "$i" -lt "$n" ]; do mkdir -p "$dir/stream_$i"; i=$((i + 1)); done
	# As the runner does: the encoder, the user's words (here -t), the muxer.
	set --
	while IFS= read -r a; do set -- "$@" "$a"; done <<EOF_ARGS
$(args "$profile" encode)
EOF_ARGS
	set -- "$@" -t "$((seconds * 2 + 1))"
	while IFS= read -r a; do set -- "$@" "$a"; done <<EOF_ARGS
$(args "$profile" hls)
EOF_ARGS
	ffmpeg "$@" -hls_segment_filename "$dir/stream_%v/seg_%05d.ts" "$dir/stream_%v/index.m3u8" \
		>"$TEST_TMP/ffmpeg.log" 2>&1
	ok $? "$profile: ffmpeg runs the profile's arguments ($n rendition(s), $seconds s segments)"
	sed 's/^/#   /' "$TEST_TMP/ffmpeg.log" | head -5

	master=$(cat "$dir/master.m3u8" 2>/dev/null)
	is "$(printf '%s\n' "$master" | grep -c '^#EXT-X-STREAM-INF')" "$n" "$profile: master.m3u8 lists $n rendition(s)"
	# Rendition i of n is (n-i)/n of the top size, even.
	w=${resolution%x*} h=${resolution#*x}
	i=0
	while [ "$i" -lt "$n" ]; do
		k=$((n - i))
		rw=$((w * k / n / 2 * 2)) rh=$((h * k / n / 2 * 2))
		[ "$rw" -lt 2 ] && rw=2
		[ "$rh" -lt 2 ] && rh=2
		like "$master" "RESOLUTION=${rw}x${rh}" "$profile: rendition $i is ${rw}x${rh} in master.m3u8"
		got=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 \
			"$dir/stream_$i/seg_00000.ts" 2>/dev/null | head -n1)
		is "$got" "$rw,$rh" "$profile: rendition $i's first segment is ${rw}x${rh}"
		i=$((i + 1))
	done
	length=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$dir/stream_0/seg_00000.ts" 2>/dev/null)
	ok "$(awk -v l="$length" -v s="$seconds" 'BEGIN { exit !(l > s - 0.3 && l < s + 0.3) }'; echo $?)" \
		"$profile: a segment lasts $seconds s (ffprobe: $length s)"
	echo "# $profile: $n rendition(s) $(printf '%s\n' "$master" | sed -n 's/.*RESOLUTION=\([0-9x]*\).*/\1/p' | tr '\n' ' ')segment ${length} s"
done

done_testing
