module planwatch

go 1.26
