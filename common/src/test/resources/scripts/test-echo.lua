-- Used by LuaScriptsTests only.
return ARGV[1]
