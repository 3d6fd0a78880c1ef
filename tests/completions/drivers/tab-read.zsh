# Sourced with the zpty name: reads the screen into $out until the line
# BUF<...> arrives (60 s at most), then ends the zpty.
out=
integer deadline=$(( SECONDS + 60 ))
while (( SECONDS < deadline )); do
	if zpty -r -t $1 chunk; then
		out+=$chunk
		[[ $out == *BUF\<*\>* ]] && break
	else
		sleep 0.02
	fi
done
zpty -d $1
