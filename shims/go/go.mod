module cookiecheck/shims/go

go 1.19
